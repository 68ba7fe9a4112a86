import { catalogue as en } from "./en";
import { catalogue as nb } from "./nb";
import { registerCatalogue } from "~/i18n/i18n";

// The server speaks every language: both catalogues, registered as this module loads.
registerCatalogue("nb", nb);
registerCatalogue("en", en);
