/**
 * Node records for Presence, in Redis: a sorted set whose members are node ids and whose scores
 * are their expiry times (Redis's clock, so the nodes' clocks need not agree).
 */
import type { Redis } from "ioredis";
import type { NodeRegistry } from "@livetsx/server";

/**
 * Renews one node's expiry, forgets the expired ones and returns those alive, in one script (so
 * with one clock and no race between nodes). KEYS[1] the set, ARGV[1] the node, ARGV[2] the TTL.
 */
const HEARTBEAT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local ttl = tonumber(ARGV[2])
redis.call('ZADD', KEYS[1], now + ttl, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. now)
redis.call('PEXPIRE', KEYS[1], ttl * 2)
return redis.call('ZRANGEBYSCORE', KEYS[1], now, '+inf')
`;

type WithHeartbeat = Redis & { livetsxHeartbeat(key: string, node: string, ttl: number): Promise<string[]> };

/** @internal The {@link NodeRegistry} of a `RedisPubSub`. */
export class RedisNodes implements NodeRegistry {
  readonly #redis: WithHeartbeat;

  constructor(
    redis: Redis,
    readonly key: string,
    readonly node: string,
    readonly interval: number,
    readonly ttl: number,
  ) {
    if (!(interval >= 1) || !(ttl > interval)) {
      throw new RangeError(`RedisPubSub: heartbeatInterval (${interval} ms) must be at least 1 ms and below nodeTTL (${ttl} ms).`);
    }
    redis.defineCommand("livetsxHeartbeat", { numberOfKeys: 1, lua: HEARTBEAT });
    this.#redis = redis as WithHeartbeat;
  }

  heartbeat(): Promise<readonly string[]> {
    return this.#redis.livetsxHeartbeat(this.key, this.node, this.ttl);
  }

  async leave(): Promise<void> {
    await this.#redis.zrem(this.key, this.node);
  }
}
