import { Skeleton } from "@/components/ui/skeleton";

// Shown while a back-office page's data loads (navigation stays usable around it).
export default function AdminLoading() {
  return (
    <div aria-busy="true" aria-label="Loading" className="grid gap-6">
      <div className="grid gap-2">
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-24" />
        ))}
      </div>
      <Skeleton className="h-72" />
    </div>
  );
}
