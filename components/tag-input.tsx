"use client";

import { X } from "lucide-react";
import { useId, useState } from "react";

import { cn } from "@/lib/utils";
import { MAX_TAGS, ZTag } from "@/lib/schemas/targeting";

// A set of segment tags: type one, Enter or a comma adds it, a chip's button removes it. A tag is
// checked with the schema's own rule (ZTag) and the MAX_TAGS limit before it is added, so the text
// that doesn't fit stays in the box with the reason beside it. FormControl's id and aria-* land on
// the input; the local reason is added to its description.

type TProps = {
  value: string[];
  onChange: (next: string[]) => void;
  onBlur?: () => void;
  name?: string;
  id?: string;
  ref?: React.Ref<HTMLInputElement>;
  placeholder?: string;
  /** The field's label, naming the chip list and the options for a screen reader. */
  label?: string;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
};

export function TagInput({ value, onChange, onBlur, name, id, ref, placeholder = "Type a tag, then Enter", label = "Tags", ...aria }: TProps) {
  const noteId = useId();
  const [text, setText] = useState("");
  const [note, setNote] = useState<string | null>(null);

  /** Adds each typed tag in order; returns the text that didn't fit (its reason shown), or null. */
  function add(raws: string[]): string | null {
    let next = value;
    let failed: string | null = null;
    for (const raw of raws) {
      const tag = raw.trim();
      if (!tag || next.includes(tag)) continue;
      const parsed = ZTag.safeParse(tag);
      if (!parsed.success) {
        setNote(`“${tag.length > 44 ? `${tag.slice(0, 40)}…` : tag}”: ${parsed.error.issues[0]?.message}`);
        failed = raw;
      } else if (next.length >= MAX_TAGS) {
        setNote(`At most ${MAX_TAGS} tags: remove one first`);
        failed = raw;
      }
      if (failed !== null) break;
      next = [...next, tag];
    }
    if (next !== value) onChange(next);
    if (failed === null) setNote(null);
    return failed;
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key === "Enter" || e.key === ",") {
      // Enter adds a tag here; it never submits the form from this box.
      e.preventDefault();
      setText(add([text]) ?? "");
    } else if (e.key === "Backspace" && text === "" && value.length > 0) {
      onChange(value.slice(0, -1));
    }
  }

  const describedBy = [aria["aria-describedby"], note ? noteId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="grid min-w-0 gap-2" data-slot="tag-input">
      {value.length > 0 && (
        <ul className="flex flex-wrap gap-1.5" aria-label={`${label}: added`}>
          {value.map((tag) => (
            <li key={tag} className="inline-flex max-w-full items-center gap-1 rounded-md bg-secondary py-0.5 pr-0.5 pl-2 text-xs font-medium">
              <span className="truncate font-mono">{tag}</span>
              <button
                type="button"
                className="rounded p-0.5 hover:bg-background focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
                aria-label={`Remove tag ${tag}`}
                onClick={() => onChange(value.filter((t) => t !== tag))}
              >
                <X className="size-3" aria-hidden />
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        ref={ref}
        id={id}
        name={name}
        type="text"
        autoComplete="off"
        aria-invalid={aria["aria-invalid"] || !!note}
        aria-describedby={describedBy}
        placeholder={placeholder}
        value={text}
        onChange={(e) => {
          // A pasted "vip, high_roller" adds each whole tag before the last comma.
          const parts = e.target.value.split(",");
          const rest = parts.pop() ?? "";
          setText(parts.length > 0 ? (add(parts) ?? rest) : rest);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          // What was typed but not added yet is added on leaving the box, so it isn't lost on submit.
          setText(add([text]) ?? "");
          onBlur?.();
        }}
        className={cn(
          "flex h-9 w-full min-w-0 rounded-md border border-input bg-transparent px-3 py-1 text-base shadow-xs outline-none placeholder:text-muted-foreground md:text-sm dark:bg-input/30",
          "focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50 aria-invalid:border-destructive",
        )}
      />
      {note && (
        <p id={noteId} role="alert" className="text-sm [overflow-wrap:anywhere] text-destructive">
          {note}
        </p>
      )}
    </div>
  );
}
