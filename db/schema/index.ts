export * from "./municipalities";
