export { createRedisPubSub, RedisPubSub, DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_MAX_PENDING, type RedisPubSubOptions } from "./pubsub.js";
