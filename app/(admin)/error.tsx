"use client";

import { ErrorView } from "@/components/error-view";

// Inside the shell: a page that fails keeps the navigation, so the operator can go elsewhere.
export default function AdminErrorPage(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorView {...props} inShell title="This page couldn't be shown" lead="Nothing was changed." />;
}
