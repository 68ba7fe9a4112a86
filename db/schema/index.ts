export * from "./audit";
export * from "./members";
export * from "./municipalities";
export * from "./member-values";
