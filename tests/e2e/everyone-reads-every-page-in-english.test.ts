import { describeEveryPage } from "../helpers/every-page";

// In English, with JavaScript.
describeEveryPage({ lang: "en", locale: "en-GB", javaScript: true });
