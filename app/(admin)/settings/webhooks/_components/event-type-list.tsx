/** An endpoint's subscribed event types, as the list shows them ("all" when it takes every one). */
export function EventTypeList({ types, all }: { types: readonly string[]; all: boolean }) {
  if (all) return <span className="text-sm">All {types.length} event types</span>;
  return (
    <ul className="grid gap-0.5 font-mono text-xs" aria-label="Event types">
      {types.map((t) => (
        <li key={t}>{t}</li>
      ))}
    </ul>
  );
}
