import { Scale } from "lucide-react";
import type { Metadata } from "next";

import { DataTable, right, type TColumn } from "@/components/data-table";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Card } from "@/components/ui/card";
import { TableCell, TableRow } from "@/components/ui/table";
import { jurisdictionFormValues } from "@/lib/schemas/jurisdictions";
import { jurisdictionName } from "@/lib/schemas/targeting";
import { requirePermission } from "@/lib/server/auth/guards";
import { listJurisdictions } from "@/lib/server/jurisdictions/queries";

import { DeleteJurisdictionButton, JurisdictionDialog } from "./_components/jurisdiction-dialog";
import { COMPLIANCE_RULES, RULE_LABELS, ruleWords, setRules } from "./_components/rule-words";

export const metadata: Metadata = { title: "Jurisdictions" };

// Wide screens: one column per rule. Narrower: the rules a jurisdiction sets, listed in one column.
const WIDE = "hidden xl:table-cell";
const NARROW = "xl:hidden";

const COLUMNS: TColumn[] = [
  "Jurisdiction",
  ...COMPLIANCE_RULES.map((rule) => ({ label: RULE_LABELS[rule], className: WIDE })),
  { label: "Rules", className: NARROW },
  right(<span className="sr-only">Actions</span>),
];

const none = <span className="text-muted-foreground">—</span>;

export default async function JurisdictionsPage() {
  await requirePermission("jurisdictions.admin");
  const rows = await listJurisdictions();
  return (
    <>
      <PageHeader
        title="Jurisdictions"
        description="Regulators' bonus rules, checked on every claim against the player's jurisdiction (else their country). An edit applies from the next claim; claims already made keep their terms."
        actions={<JurisdictionDialog />}
      />
      {rows.length === 0 ? (
        <EmptyState icon={Scale} title="No jurisdiction rules" hint="Without a row, a jurisdiction's players get every promo's terms as they are." />
      ) : (
        <Card className="py-0">
          <DataTable columns={COLUMNS} bodyTestId="jurisdictions">
            {rows.map((j) => {
              const rules = setRules(j);
              return (
                <TableRow key={j.code} data-testid={`jurisdiction-${j.code}`}>
                  <TableCell>
                    <span className="font-mono font-medium">{j.code}</span>
                    <span className="block text-xs text-muted-foreground">{jurisdictionName(j.code)}</span>
                  </TableCell>
                  {COMPLIANCE_RULES.map((rule) => (
                    <TableCell key={rule} className={WIDE} data-testid={`rule-${rule}`}>
                      {ruleWords(j, rule) ?? none}
                    </TableCell>
                  ))}
                  <TableCell className={`${NARROW} whitespace-normal`}>
                    {rules.length === 0 ? (
                      none
                    ) : (
                      <ul className="grid gap-0.5" aria-label={`${j.code} rules`}>
                        {rules.map((r) => (
                          <li key={r.rule}>{r.words}</li>
                        ))}
                      </ul>
                    )}
                  </TableCell>
                  <TableCell className="text-right">
                    <div className="flex flex-wrap justify-end gap-1">
                      <JurisdictionDialog initial={jurisdictionFormValues(j)} />
                      <DeleteJurisdictionButton code={j.code} />
                    </div>
                  </TableCell>
                </TableRow>
              );
            })}
          </DataTable>
        </Card>
      )}
    </>
  );
}
