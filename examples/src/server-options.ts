/**
 * Options of the production server that are no data (see `serverOptions` in vite.config.ts):
 * with `REDIS_URL` set, PubSub and Presence go through Redis, so that several servers of the
 * demo share the chat room and who is online.
 */
import { createRedisPubSub } from "@livetsx/redis";

const url = process.env.REDIS_URL;

export default url ? { pubsub: await createRedisPubSub({ url }) } : {};
