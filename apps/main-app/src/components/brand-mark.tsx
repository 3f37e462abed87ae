/** The crescent-and-star mark of the brand (decorative). */
export function BrandMark({ small = false }: { small?: boolean }) {
  const size = small ? 16 : 30;
  return (
    <svg
      className="brand-mark"
      width={size}
      height={size}
      viewBox="0 0 64 64"
      aria-hidden="true"
      focusable="false"
    >
      <circle cx="32" cy="32" r="30" fill="none" stroke="currentColor" strokeOpacity="0.35" strokeWidth="2" />
      <path d="M38 12a21 21 0 1 0 12 32 17 17 0 1 1-12-32z" fill="currentColor" />
      <path d="M45 18l1.6 3.6 3.9.4-2.9 2.6.8 3.8-3.4-2-3.4 2 .8-3.8-2.9-2.6 3.9-.4z" fill="currentColor" />
    </svg>
  );
}
