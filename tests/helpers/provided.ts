export type DatabaseTemplate =
  | { driver: "postgres"; adminUrl: string; template: string }
  | { driver: "pglite"; dataDir: string };

declare module "vitest" {
  export interface ProvidedContext {
    database: DatabaseTemplate;
    appDataDir: string;
  }
}
