"use client";

import { useEffect, useId, useMemo, useState } from "react";

import { CHIP_INPUT_CLASS, ChipList, type TChipFieldProps } from "@/components/chip-field";
import { COUNTRY_CODES, countryName } from "@/lib/schemas/targeting";

// A set of countries picked from the ISO list (never typed free-form, so an unknown code can't be
// entered here; the schema still refuses one sent another way). The ARIA combobox pattern: the
// input filters a listbox by code or name, arrows move, Enter toggles, Escape closes; chosen
// countries are chips with their own remove buttons. FormControl's id and aria-* land on the input.

// Named on first use, not at load: the page renders (and hydrates) without the 249 names.
let named: { code: string; name: string }[] | null = null;
const allCountries = () => (named ??= COUNTRY_CODES.map((code) => ({ code, name: countryName(code) })));

function matches(query: string) {
  const ALL = allCountries();
  const q = query.trim().toLowerCase();
  if (!q) return ALL;
  // A typed code first ("fr" → France), then names containing the text.
  return ALL.filter((c) => c.code.toLowerCase() === q).concat(
    ALL.filter((c) => c.code.toLowerCase() !== q && (c.name.toLowerCase().includes(q) || c.code.toLowerCase().startsWith(q))),
  );
}

export function CountryMultiSelect({ value, onChange, onBlur, name, id, ref, placeholder = "Search by name or code", label = "Countries", ...aria }: TChipFieldProps) {
  const listId = useId();
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  // Only an open list is worked out and rendered (two of these on a form would be 500 hidden rows).
  const options = useMemo(() => (open ? matches(query) : []), [open, query]);
  const selected = new Set(value);

  const toggle = (code: string) => {
    onChange(selected.has(code) ? value.filter((c) => c !== code) : [...value, code].sort());
    setQuery("");
    setActive(0);
  };
  const optionId = (code: string) => `${listId}-${code}`;
  const current = open ? options[Math.min(active, options.length - 1)] : undefined;
  // The active option stays in sight as the arrows move through a long list.
  useEffect(() => {
    if (current) document.getElementById(optionId(current.code))?.scrollIntoView({ block: "nearest" });
  });

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!open) return setOpen(true);
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (Math.min(i, options.length - 1) + step + options.length) % Math.max(options.length, 1));
    } else if (e.key === "Enter") {
      // Enter picks from the list; it never submits the form from here.
      e.preventDefault();
      if (current) toggle(current.code);
      else setOpen(true);
    } else if (e.key === "Escape" && open) {
      e.preventDefault();
      setOpen(false);
    } else if (e.key === "Backspace" && query === "" && value.length > 0) {
      onChange(value.slice(0, -1));
    }
  }

  return (
    <div className="grid min-w-0 gap-2" data-slot="country-multi-select">
      <ChipList value={value} onChange={onChange} label={`${label}: chosen`} removeLabel={(code) => `Remove ${countryName(code)}`}>
        {(code) => (
          <>
            <span className="font-mono">{code}</span>
            <span className="max-w-40 truncate text-muted-foreground">{countryName(code)}</span>
          </>
        )}
      </ChipList>
      <div className="relative">
        <input
          ref={ref}
          id={id}
          name={name}
          type="text"
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={current ? optionId(current.code) : undefined}
          {...aria}
          placeholder={placeholder}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onClick={() => setOpen(true)}
          onBlur={() => {
            setOpen(false);
            onBlur?.();
          }}
          onKeyDown={onKeyDown}
          className={CHIP_INPUT_CLASS}
        />
        <ul
          id={listId}
          role="listbox"
          aria-multiselectable="true"
          aria-label={label}
          hidden={!open}
          className="absolute z-20 mt-1 max-h-60 w-full overflow-auto rounded-md border bg-popover p-1 text-sm text-popover-foreground shadow-md"
        >
          {open && options.length === 0 && <li className="px-2 py-1.5 text-muted-foreground">No country matches “{query}”</li>}
          {options.map((c) => (
            <li
              key={c.code}
              id={optionId(c.code)}
              role="option"
              aria-selected={selected.has(c.code)}
              data-active={current?.code === c.code || undefined}
              // mousedown, not click: the input keeps focus, so the list stays open for the next pick.
              onMouseDown={(e) => {
                e.preventDefault();
                toggle(c.code);
              }}
              className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 data-[active]:bg-accent data-[active]:text-accent-foreground"
            >
              <span className="w-7 font-mono text-xs">{c.code}</span>
              <span className="flex-1 truncate">{c.name}</span>
              {selected.has(c.code) && <span className="text-xs text-muted-foreground">chosen</span>}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
