export * from "./audit";
export * from "./forum-session-values";
export * from "./forum-sessions";
export * from "./members";
export * from "./municipalities";
export * from "./member-values";
export * from "./notifications";
export * from "./themes";
