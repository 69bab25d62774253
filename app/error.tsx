"use client";

import { ErrorView } from "@/components/error-view";

export default function ErrorPage(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorView {...props} title="Something went wrong" lead="The page couldn't be shown." />;
}
