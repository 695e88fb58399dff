import { StateMachine } from "../../shared/state-machine";
import type { ServiceRequestStatusName } from "./service.table";

/** The lifecycle of a service request (业务申请), chapter 4.6, as data. */
export const serviceRequestStates = new StateMachine<ServiceRequestStatusName>("The service request", {
  SUBMITTED: ["IN_PROGRESS", "REFUSED"],
  IN_PROGRESS: ["DONE", "REFUSED"],
  DONE: [],
  REFUSED: [],
});

export const OPEN_STATUSES: readonly ServiceRequestStatusName[] = ["SUBMITTED", "IN_PROGRESS"];
