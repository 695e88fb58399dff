import "reflect-metadata";
import { type FieldNode, type FragmentDefinitionNode, Kind, type OperationDefinitionNode, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { buildAppSchema } from "../../src/server/schema";
import { projectedColumns } from "../../src/shared/projection";

buildAppSchema();

/** The info a resolver of the document's first root field gets (what projection reads of it). */
function infoOf(document: string) {
  const doc = parse(document);
  const op = doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const fragments = Object.fromEntries(
    doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  return { fieldNodes: [op.selectionSet.selections[0] as FieldNode], fragments };
}

const RULE = ["departmentId", "handlerId", "handlerTeamId", "receivedById", "receiverTeamId"];

describe("column projection", () => {
  it("when a complaint list selects columns and nested objects, then it reads those columns, the foreign keys and what the read rule needs", () => {
    const cols = projectedColumns(infoOf("{ complaints { nodes { id subject status customer { fullName } } } }"), "Complaint", true);
    expect(cols).toEqual(["customerId", "id", "status", "subject", ...RULE].sort());
  });

  it("when fields come through named and inline fragments and edges, then they are all read", () => {
    const cols = projectedColumns(
      infoOf("{ complaints { edges { node { ...F } } nodes { ... on Complaint { reference } } } } fragment F on Complaint { severity overdue }"),
      "Complaint",
      true,
    );
    expect(cols).toEqual(["decidedAt", "deadlineAt", "id", "reference", "severity", "status", ...RULE].sort());
  });

  it("when a selected field has a resolver that declares nothing, then whole rows are read", () => {
    expect(projectedColumns(infoOf("{ complaints { nodes { id viewerCanApprove } } }"), "Complaint", true)).toBeNull();
    expect(projectedColumns(infoOf("{ complaints { totalCount } }"), "Complaint", true)).toBeNull();
  });

  it("when a nested customer or staff member is selected, then its own selection decides", () => {
    const customer = infoOf("{ customer { id fullName } }");
    expect(projectedColumns(customer, "Customer")).toEqual(["fullName", "id"]);
    expect(projectedColumns(infoOf("{ handler { displayName department { name } } }"), "Staff")).toEqual(["departmentId", "displayName", "id"]);
    expect(projectedColumns(infoOf("{ department { name } }"), "Department")).toEqual(["id", "name"]);
    expect(projectedColumns(infoOf("{ department { code staff { totalCount } } }"), "Department")).toEqual(["code", "id"]);
    expect(projectedColumns(infoOf("{ customer { idNumber } }"), "Customer")).toBeNull();
  });
});
