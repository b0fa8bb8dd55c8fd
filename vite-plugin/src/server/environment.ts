/** What the production server reads from its environment, checked before it starts. */

/** The environment variable holding the secret. */
export const SECRET_VARIABLE = "LIVETSX_SECRET";

export interface ServerEnvironment {
  secret: string;
  port: number;
  host: string | undefined;
  shutdownTimeout: number;
}

/**
 * The secret, port, host and shutdown timeout: each option given in code wins over its variable
 * (`LIVETSX_SECRET`, `PORT`, `HOST`, `LIVETSX_SHUTDOWN_TIMEOUT`).
 * @throws with what to set when the secret is missing or short, or a number is not one.
 */
export function readEnvironment(
  env: Record<string, string | undefined>,
  given: { secret?: string; port?: number; host?: string; shutdownTimeout?: number } = {},
): ServerEnvironment {
  const secret = given.secret ?? env[SECRET_VARIABLE];
  if (!secret) {
    throw new Error(
      `${SECRET_VARIABLE} is not set. The server signs session and CSRF tokens with it: set it to at least 32 random ` +
        `bytes, the same on every node (e.g. ${SECRET_VARIABLE}=$(openssl rand -base64 48)).`,
    );
  }
  if (Buffer.byteLength(secret) < 32) {
    throw new Error(`${SECRET_VARIABLE} is ${Buffer.byteLength(secret)} bytes long: it must be at least 32 (e.g. openssl rand -base64 48).`);
  }
  return {
    secret,
    port: given.port ?? integer(env, "PORT", 3000, 65535),
    host: given.host ?? (env.HOST || undefined),
    shutdownTimeout: given.shutdownTimeout ?? integer(env, "LIVETSX_SHUTDOWN_TIMEOUT", 10_000, Number.MAX_SAFE_INTEGER),
  };
}

function integer(env: Record<string, string | undefined>, name: string, fallback: number, max: number): number {
  const text = env[name];
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value > max) throw new Error(`${name} must be a whole number from 0 to ${max}, got ${JSON.stringify(text)}.`);
  return value;
}
