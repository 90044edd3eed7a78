/**
 * A fixed-window request counter per key, in the memory of one portal process. It caps bursts
 * (a script firing server actions or log-ins); the durable, cross-process log-in limit is in
 * lib/auth/login-rate-limit.ts. Behind a load balancer each process counts its own share.
 */
export type RateLimiter = { hit: (key: string, now?: number) => { allowed: boolean; retryAfterSeconds: number } };

export function createRateLimiter(limit: number, windowMs: number, maxKeys = 10_000): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(key, now = Date.now()) {
      let window = windows.get(key);
      if (!window || now - window.start >= windowMs) {
        if (windows.size >= maxKeys) {
          for (const [k, w] of windows) if (now - w.start >= windowMs) windows.delete(k);
          if (windows.size >= maxKeys) windows.delete(windows.keys().next().value!);
        }
        window = { start: now, count: 0 };
        windows.set(key, window);
      }
      window.count += 1;
      return {
        allowed: window.count <= limit,
        retryAfterSeconds: Math.max(1, Math.ceil((window.start + windowMs - now) / 1000)),
      };
    },
  };
}
