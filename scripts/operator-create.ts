// npm run operator:create -- --email E --role ADMIN [--name "Full Name"]
// Creates an operator and prints a one-time password (shown once; changed at first sign-in).
import "./local-env";
import { parseArgs } from "node:util";

import { isOperatorRole, OPERATOR_ROLES } from "../lib/domain/auth/permissions";
import { disconnectDb } from "../lib/server/db";
import { createOperator } from "../lib/server/operators/mutations";

const { values } = parseArgs({ options: { email: { type: "string" }, role: { type: "string" }, name: { type: "string" } } });
if (!values.email || !/^[^@\s]+@[^@\s]+$/.test(values.email)) {
  console.error("usage: npm run operator:create -- --email E --role ROLE   (--email is missing or not an email)");
  process.exit(2);
}
const role = (values.role ?? "").toUpperCase();
if (!isOperatorRole(role)) {
  console.error(`--role must be one of ${OPERATOR_ROLES.join(", ")}`);
  process.exit(2);
}
try {
  const created = await createOperator({ email: values.email, role, name: values.name, by: null });
  console.log(`operator ${created.email} (${role}) created, id ${created.id}`);
  console.log(`one-time password: ${created.oneTimePassword}`);
  console.log("it must be changed at first sign-in");
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await disconnectDb();
}
