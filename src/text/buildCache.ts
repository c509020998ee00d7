/**
 * A cache for what one build computes and the next will likely ask for again (a watch rebuild
 * after an edit): entries used since the last `rotate()` are kept for one more build, the rest
 * are dropped. Keeping everything ever set would hold every variant of every paragraph a session
 * has seen, and make each garbage collection walk it. Bounded by total weight in any case.
 */
export class BuildCache<V> {
  private current = new Map<string, V>();
  private previous = new Map<string, V>();
  private weight = 0;

  constructor(private readonly limit: number) {}

  get(key: string): V | undefined {
    const hit = this.current.get(key);
    if (hit !== undefined) return hit;
    const old = this.previous.get(key);
    if (old !== undefined) this.current.set(key, old); // used again: kept for the next build
    return old;
  }

  set(key: string, value: V, weight = 1): V {
    this.weight += weight;
    if (this.weight > this.limit) { this.rotate(); this.weight = weight; }
    this.current.set(key, value);
    return value;
  }

  /** A build begins: what the last one did not use goes. */
  rotate(): void {
    this.previous = this.current;
    this.current = new Map();
    this.weight = 0;
  }
}
