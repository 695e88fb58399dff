import { ApiPort } from "../../core/api-port";
import type { MutationScope } from "../../shared/mutation";

// Ports live in a file that imports no other module, so that they exist whichever module loads first.

/** An improvement action a drill finding or a post-incident report raises. */
export interface ImprovementActionDraft {
  description: string;
  ownerId: string;
  dueAt: Date;
}

/**
 * Raises improvement actions (改进措施) inside the caller's mutation and returns them: the service-quality
 * module keeps one kind of action for every source (chapter 8.3), drills and incidents among them. It
 * validates the drafts (owner, due date) and refuses with a coded error naming `field`.
 */
export const improvementActionRaiser = new ApiPort<
  (
    m: MutationScope,
    sourceType: "DRILL_FINDING" | "INCIDENT_REPORT",
    sourceId: string,
    list: readonly ImprovementActionDraft[] | null | undefined,
    field: string,
  ) => Promise<{ id: string }[]>
>("emergency.improvementActionRaiser", "raises the improvement actions of a drill finding or a post-incident report");
