import { createContext, useContext } from "react";

/**
 * The nonce of this response's Content-Security-Policy, for the inline scripts rendered on the server.
 * In the browser it is undefined: the scripts are already there, and browsers hide the attribute anyway.
 */
export const ScriptNonce = createContext<string | undefined>(undefined);

export function useScriptNonce(): string | undefined {
  return useContext(ScriptNonce);
}
