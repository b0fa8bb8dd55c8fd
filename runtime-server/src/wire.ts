/** The wire keys, from the one module both runtimes use. */
export * from "@livetsx/client/wire";
