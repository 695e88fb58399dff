/**
 * Names for prepared statements, one per distinct text, shared by every connection (each connection
 * prepares a name the first time it sends it): `prefix` and a serial, at most `max` names; past that, none.
 */
export class StatementNames {
  private readonly names = new Map<string, string>();

  constructor(
    private readonly prefix: string,
    private readonly max: number,
  ) {}

  /** The name of a text, given it when it has none yet and there is room; null past the bound. */
  of(text: string): string | null {
    let name = this.names.get(text);
    if (name === undefined && this.names.size < this.max) {
      name = `${this.prefix}${this.names.size}`;
      this.names.set(text, name);
    }
    return name ?? null;
  }

  /** The name a text already has. */
  existing(text: string): string | undefined {
    return this.names.get(text);
  }

  get size(): number {
    return this.names.size;
  }
}
