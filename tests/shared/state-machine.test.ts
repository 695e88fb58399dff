import { describe, expect, it } from "vitest";
import { DomainError } from "../../src/core/errors";
import { StateMachine } from "../../src/shared/state-machine";

const ticket = new StateMachine("Ticket", {
  WAITING: ["CALLED", "ABANDONED"],
  CALLED: ["SERVING", "ABANDONED"],
  SERVING: ["COMPLETED"],
  COMPLETED: [],
  ABANDONED: [],
});

describe("state machines", () => {
  it("when a move is allowed, then assert passes", () => {
    expect(() => ticket.assert("WAITING", "CALLED")).not.toThrow();
  });

  it("when a move is not allowed, then the error names the current state and the allowed next ones", () => {
    try {
      ticket.assert("WAITING", "COMPLETED");
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(DomainError);
      const e = err as DomainError;
      expect(e.code).toBe("INVALID_STATE_TRANSITION");
      expect(e.message).toContain("WAITING");
      expect(e.message).toContain("CALLED, ABANDONED");
      expect(e.details).toEqual({ currentState: "WAITING", allowedStates: ["CALLED", "ABANDONED"] });
    }
  });

  it("when a state is final, then every move is refused and the message says so", () => {
    expect(ticket.isFinal("COMPLETED")).toBe(true);
    expect(() => ticket.assert("COMPLETED", "SERVING")).toThrow(/final state/);
  });
});
