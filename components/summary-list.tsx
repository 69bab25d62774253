/** A read-only list of labelled values (what a form shows to someone who may only read it). */
export function SummaryList({ items, testId, dense = false }: { items: [string, React.ReactNode][]; testId?: string; dense?: boolean }) {
  return (
    <dl className={dense ? "grid gap-1 text-sm" : "grid gap-x-6 gap-y-2 sm:grid-cols-2"} data-testid={testId}>
      {items.map(([k, v]) => (
        <div key={k} className={`flex justify-between gap-4 border-b ${dense ? "py-1" : "py-1.5"}`}>
          <dt className="text-muted-foreground">{k}</dt>
          <dd className="text-right font-medium">{v}</dd>
        </div>
      ))}
    </dl>
  );
}
