import { describeEveryPage } from "../helpers/every-page";

// In bokmål, without JavaScript, as a locked-down municipal PC may show it.
describeEveryPage({ lang: "nb", locale: "nb-NO", javaScript: false });
