import { expect } from "vitest";
import { mutate, ok } from "../incidents/fixtures";
import type { TestServer } from "../../helpers/server";

export { mutate, ok };

export const DAY = 86_400_000;

export async function staffIdOf(s: TestServer, username: string): Promise<string> {
  const rows = await s.database.query<{ id: string }>("select id from staff where username = $1", [username]);
  return rows[0].id;
}

export async function departmentIdOf(s: TestServer, code: string): Promise<string> {
  const rows = await s.database.query<{ id: string }>("select id from departments where code = $1", [code]);
  return rows[0].id;
}

/** A new representative of the Counter Team (customer service), created by the administrator: holds no certification. */
export async function newRepresentative(s: TestServer, username: string): Promise<string> {
  const admin = await s.login("admin");
  const team = await s.database.query<{ id: string; department_id: string }>("select id, department_id from teams where name = 'Counter Team'");
  const r = await ok(
    s,
    admin,
    "staffCreate",
    { username, displayName: `New ${username}`, password: "demo12345", position: "REPRESENTATIVE", departmentId: team[0].department_id, teamId: team[0].id },
    "staff { id }",
  );
  return r.staff.id;
}

/** A course granting `kind` (pass mark 60, valid 12 months) and one session starting a day from now with `capacity` seats. */
export async function courseWithSession(
  s: TestServer,
  trainer: string,
  code: string,
  opts: { kind?: string | null; capacity?: number; passMark?: number } = {},
): Promise<{ courseId: string; sessionId: string }> {
  const kind = opts.kind === undefined ? "PRECIOUS_METALS" : opts.kind;
  const course = await ok(
    s,
    trainer,
    "trainingCourseCreate",
    {
      code,
      title: `Course ${code}`,
      description: "Products, risks and the rules of the trade.",
      passMark: opts.passMark ?? 60,
      certificationKind: kind,
      validityMonths: kind ? 12 : null,
    },
    "course { id passMark certificationKind validityMonths }",
  );
  const now = s.clock.now().getTime();
  const session = await ok(
    s,
    trainer,
    "trainingSessionSchedule",
    {
      courseId: course.course.id,
      trainerId: await staffIdOf(s, "trainer"),
      startsAt: new Date(now + DAY).toISOString(),
      endsAt: new Date(now + DAY + 4 * 3600_000).toISOString(),
      location: "Training room 2",
      capacity: opts.capacity ?? 10,
    },
    "session { id status capacity }",
  );
  expect(session.session.status).toBe("SCHEDULED");
  return { courseId: course.course.id, sessionId: session.session.id };
}
