import { DomainError, ErrorCode } from "../core/errors";

/**
 * A lifecycle as data: for each state, the states it may move to. `assert` refuses an illegal move
 * naming the current state and the allowed next ones.
 */
export class StateMachine<S extends string> {
  constructor(
    readonly name: string,
    private readonly transitions: Readonly<Record<S, readonly S[]>>,
  ) {}

  allowedFrom(state: S): readonly S[] {
    return this.transitions[state] ?? [];
  }

  can(from: S, to: S): boolean {
    return this.allowedFrom(from).includes(to);
  }

  assert(from: S, to: S): void {
    if (this.can(from, to)) return;
    const allowed = this.allowedFrom(from);
    throw new DomainError(
      ErrorCode.INVALID_STATE_TRANSITION,
      `${this.name} is ${from} and cannot move to ${to}; allowed next: ${allowed.length ? allowed.join(", ") : "none (final state)"}.`,
      null,
      { currentState: from, allowedStates: [...allowed] },
    );
  }

  isFinal(state: S): boolean {
    return this.allowedFrom(state).length === 0;
  }
}
