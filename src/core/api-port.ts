/**
 * A named answer one module needs and another provides, without either importing the other's
 * internals: accounts needs to know whether an account still holds open time deposits, deposits knows.
 * The module that needs it lists the port in `requires`; the one that answers lists `port.provide(fn)`
 * in `provides`. Composition refuses a list where a required port has no provider or two, and binds
 * the provider before the server starts, so `use()` never meets an unbound port in a running server.
 */
export class ApiPort<T> {
  private impl: T | undefined;

  constructor(
    readonly name: string,
    /** What the answer means, for the error when nobody provides it. */
    readonly description: string,
  ) {}

  provide(impl: T): ApiProvision {
    return { port: this as ApiPort<unknown>, impl };
  }

  /** The provider's implementation; throws, naming the port, when no module in the running list provides it. */
  use(): T {
    if (this.impl === undefined) throw new Error(`No module provides "${this.name}" (${this.description}).`);
    return this.impl;
  }

  /** @internal Called by composition only. */
  bind(impl: T): void {
    this.impl = impl;
  }
}

export interface ApiProvision {
  port: ApiPort<unknown>;
  impl: unknown;
  /** Set for a contribution to an `ApiHook` (any number of providers). */
  hook?: true;
}

/**
 * A contribution point any number of modules may answer (zero included): the ledger's reversal guards,
 * the certification policy a training module supplies to the procedures it gates. The module that asks
 * calls `all()` and combines the answers; a module that answers lists `hook.contribute(fn)` in `provides`.
 * Composition binds the contributions of the modules in the running list, and only those.
 */
export class ApiHook<T> {
  /** Every hook declared in this process, so a new composition clears the contributions of the last. */
  static readonly declared = new Set<ApiHook<unknown>>();
  private impls: readonly T[] = [];

  constructor(
    readonly name: string,
    readonly description: string,
  ) {
    ApiHook.declared.add(this as ApiHook<unknown>);
  }

  contribute(impl: T): ApiProvision {
    return { port: this as unknown as ApiPort<unknown>, impl, hook: true };
  }

  /** Every contribution of the running module list, in module order. */
  all(): readonly T[] {
    return this.impls;
  }

  /** @internal Called by composition only. */
  bindAll(impls: readonly T[]): void {
    this.impls = impls;
  }
}
