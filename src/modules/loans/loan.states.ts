import { StateMachine } from "../../shared/state-machine";
import { LOAN_CATEGORIES, type LoanCategoryName, type LoanStatusName } from "./loan.table";

/**
 * The loan lifecycle (贷款流程), manual chapter 4.3: application → review (findings, or a request for
 * more material) → approved or rejected → contract signed → disbursed → repaying → settled, or written off.
 */
export const loanMachine = new StateMachine<LoanStatusName>("Loan", {
  APPLIED: ["REVIEWED", "MATERIAL_REQUESTED", "REJECTED"],
  MATERIAL_REQUESTED: ["APPLIED", "REJECTED"],
  REVIEWED: ["APPROVED", "REJECTED"],
  APPROVED: ["CONTRACT_SIGNED"],
  REJECTED: [],
  CONTRACT_SIGNED: ["DISBURSED"],
  DISBURSED: ["REPAYING", "SETTLED", "WRITTEN_OFF"],
  REPAYING: ["SETTLED", "WRITTEN_OFF"],
  SETTLED: [],
  WRITTEN_OFF: [],
});

/** States in which money is lent and owed. */
export const LIVE_STATES: readonly LoanStatusName[] = ["DISBURSED", "REPAYING"];

export const categoryRank = (c: LoanCategoryName) => LOAN_CATEGORIES.indexOf(c);

/**
 * The floor of the five-category classification (《商业银行金融资产风险分类办法》 2023) by days overdue:
 * any overdue → at least 关注; > 90 → at least 次级; > 270 → at least 可疑; > 360 → 损失. A
 * restructured loan in its observation period is at least 次级.
 */
export function categoryFloor(daysOverdue: number, inObservation: boolean): LoanCategoryName {
  let floor: LoanCategoryName = "NORMAL";
  if (daysOverdue > 360) floor = "LOSS";
  else if (daysOverdue > 270) floor = "DOUBTFUL";
  else if (daysOverdue > 90) floor = "SUBSTANDARD";
  else if (daysOverdue > 0) floor = "SPECIAL_MENTION";
  if (inObservation && categoryRank(floor) < categoryRank("SUBSTANDARD")) floor = "SUBSTANDARD";
  return floor;
}

/** The worse of two categories. */
export const worse = (a: LoanCategoryName, b: LoanCategoryName) => (categoryRank(a) >= categoryRank(b) ? a : b);
