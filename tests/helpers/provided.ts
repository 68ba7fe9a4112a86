export type DatabaseTemplate =
  | { driver: "postgres"; adminUrl: string; template: string }
  | { driver: "pglite"; dataDir: string };

declare module "vitest" {
  export interface ProvidedContext {
    database: DatabaseTemplate;
    appDataDir: string;
    /** In the postgres project: where the HTTP tests' servers get a fresh database each. */
    serverPostgres?: string;
  }
}
