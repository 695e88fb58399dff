import { type SQL, and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Context } from "../../core/context";
import type { Executor, Tx } from "../../db/client";
import { DomainError } from "../../core/errors";
import { type ConnectionArgs, paginate } from "../../shared/connection";
import { requireViewer } from "../../shared/viewer";
import { type ReversalGuard, accountScopeCondition, assertPolicy } from "../accounts";
import type { LoanFilter, LoanOrder } from "./loan.inputs";
import { canReadLoans, canReadPortfolio } from "./loan.policy";
import { LIVE_STATES } from "./loan.states";
import { type LoanCategoryName, type LoanInstalmentRow, type LoanRow, type LoanStatusName, loanInstalments, loans } from "./loan.table";
import type { LoanPortfolio, LoanPortfolioLine } from "./loan.type";
import { businessDay } from "./schedule";

/** Loans the viewer sees (their customers' loans, by the account scope, in SQL so that totalCount agrees), filtered and sorted. */
export function listLoans(ctx: Context, filter: LoanFilter | null | undefined, order: LoanOrder | null | undefined, args: ConnectionArgs) {
  assertPolicy(canReadLoans(requireViewer(ctx)), "reading loans");
  const conds: SQL[] = [];
  const scoped = accountScopeCondition(ctx, loans.customerId);
  if (scoped) conds.push(scoped);
  if (filter?.status?.length) conds.push(inArray(loans.status, filter.status as LoanStatusName[]));
  if (filter?.customerId) conds.push(eq(loans.customerId, filter.customerId));
  if (filter?.productId) conds.push(eq(loans.productId, filter.productId));
  if (filter?.category) conds.push(eq(loans.category, filter.category as LoanCategoryName));
  if (filter?.departmentId) conds.push(eq(loans.departmentId, filter.departmentId));
  if (filter?.overdue != null) {
    const overdue = sql`exists (select 1 from ${loanInstalments} i where i.loan_id = ${loans.id} and i.status = 'SCHEDULED' and i.due_date < ${businessDay(ctx.clock.now())}::date)`;
    conds.push(filter.overdue ? overdue : sql`not ${overdue}`);
  }
  const by = order?.field === "PRINCIPAL_OUTSTANDING" ? loans.principalOutstanding : loans.createdAt;
  return paginate<LoanRow>({
    exec: ctx.database,
    table: loans,
    where: conds.length ? and(...conds) : undefined,
    orderBy: by,
    direction: order?.direction === "ASC" ? "asc" : "desc",
    idColumn: loans.id,
    args,
    rowId: (r) => r.id,
  });
}

/** The schedule of a loan, by period (the cancelled instalments of a recomputed schedule only when asked). */
export function scheduleOf(exec: Executor, loanId: string, includeCancelled = false): Promise<LoanInstalmentRow[]> {
  const conds = [eq(loanInstalments.loanId, loanId)];
  if (!includeCancelled) conds.push(sql`${loanInstalments.status} <> 'CANCELLED'`);
  return exec
    .select()
    .from(loanInstalments)
    .where(and(...conds))
    .orderBy(asc(loanInstalments.period), asc(loanInstalments.status));
}

type Line = { key: string; loans: number; principal: string };

/** Live loans' principal outstanding by category, product kind and department (the bank's whole book). */
export async function portfolio(ctx: Context): Promise<LoanPortfolio> {
  assertPolicy(canReadPortfolio(requireViewer(ctx)), "the loan portfolio (supervisor, risk officer or finance)");
  const live = sql.join(
    LIVE_STATES.map((s) => sql`${s}`),
    sql`, `,
  );
  const group = (key: SQL, join: SQL = sql``) =>
    ctx.database.db.execute(
      sql`select ${key} as key, count(*)::int as loans, coalesce(sum(l.principal_outstanding), 0)::text as principal from loans l ${join} where l.status in (${live}) group by 1 order by 1`,
    ) as unknown as Promise<{ rows: Line[] }>;
  const [byCategory, byProduct, byDepartment] = await Promise.all([
    group(sql`l.category::text`),
    group(sql`p.kind::text`, sql`join loan_products p on p.id = l.product_id`),
    group(sql`d.code::text`, sql`join departments d on d.id = l.department_id`),
  ]);
  const lines = (r: { rows: Line[] }): LoanPortfolioLine[] =>
    r.rows.map((x) => ({ key: x.key, loans: Number(x.loans), principalOutstanding: BigInt(x.principal) }));
  const cat = lines(byCategory);
  return {
    loans: cat.reduce((s, l) => s + l.loans, 0),
    principalOutstanding: cat.reduce((s, l) => s + l.principalOutstanding, 0n),
    byCategory: cat,
    byProduct: lines(byProduct),
    byDepartment: lines(byDepartment),
  };
}

const OPEN_STATES: readonly LoanStatusName[] = ["APPLIED", "MATERIAL_REQUESTED", "REVIEWED", "APPROVED", "CONTRACT_SIGNED", "DISBURSED", "REPAYING"];

/** Closing an account is refused while a loan pays into or repays from it. */
export async function refuseWithOpenLoan(tx: Tx, accountId: string): Promise<void> {
  const [row] = await tx
    .select({ id: loans.id })
    .from(loans)
    .where(and(eq(loans.accountId, accountId), inArray(loans.status, [...OPEN_STATES])))
    .limit(1);
  if (row) throw new DomainError("OPEN_LOAN", "A loan is still paid into or repaid from this account; settle it first.", ["accountId"]);
}

/** Loan entries are not reversed: the disbursement of a live loan, or a repayment the schedule has taken in. */
export const loanReversalGuard: ReversalGuard = async (tx, entry) => {
  if (entry.kind === "LOAN_DISBURSEMENT") {
    const [loan] = await tx.select({ status: loans.status }).from(loans).where(eq(loans.disbursementEntryId, entry.id));
    if (loan) {
      throw new DomainError("LOAN_LIVE", "The entry disbursed a loan whose schedule and repayments depend on it; it cannot be reversed.", ["entryId"]);
    }
  }
  if (entry.kind === "LOAN_REPAYMENT" || entry.kind === "LOAN_WRITE_OFF") {
    throw new DomainError("LOAN_ENTRY", "The entry is a loan repayment or write-off the loan's schedule has taken in; it cannot be reversed.", ["entryId"]);
  }
};
