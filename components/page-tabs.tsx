import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";

/**
 * A detail page's tabs: the one open at first comes from the URL (`?tab=`), else `fallback`; the
 * triggers wrap on a narrow screen. Children are its `PageTab`s.
 */
export function PageTabs({
  tab,
  fallback,
  tabs,
  children,
}: {
  tab: string | undefined;
  fallback: string;
  tabs: [value: string, label: React.ReactNode][];
  children: React.ReactNode;
}) {
  return (
    <Tabs defaultValue={tab ?? fallback}>
      <TabsList className="h-auto max-w-full flex-wrap justify-start">
        {tabs.map(([value, label]) => (
          <TabsTrigger key={value} value={value}>
            {label}
          </TabsTrigger>
        ))}
      </TabsList>
      {children}
    </Tabs>
  );
}

export function PageTab({ value, children }: { value: string; children: React.ReactNode }) {
  return (
    <TabsContent value={value} className="pt-2">
      {children}
    </TabsContent>
  );
}
