/// <reference types="vite/client" />

/** Set by client/vite.config.ts: true under the Vite dev server, false in a build. */
declare const __DEV_SERVER__: boolean;
