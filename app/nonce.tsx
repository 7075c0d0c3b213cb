// The per-request CSP nonce (app/server.ts) reaches the scripts Remix renders through this context.
import { createContext, useContext } from "react";

export const NonceContext = createContext<string | undefined>(undefined);
export const useNonce = (): string | undefined => useContext(NonceContext);
