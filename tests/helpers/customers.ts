import type { TestServer } from "./server";

/**
 * Records that these staff members registered the customer (customer_staff_links), which is what puts
 * a customer in a representative's scope and in their team manager's; supervisors see every customer.
 */
export async function linkCustomer(s: Pick<TestServer, "database">, customerId: string, ...usernames: string[]): Promise<void> {
  if (usernames.length === 0) return;
  await s.database.query(
    "insert into customer_staff_links (customer_id, staff_id, registered, first_at, last_at) select $1, id, true, now(), now() from staff where username = any($2::text[]) on conflict do nothing",
    [customerId, usernames],
  );
}
