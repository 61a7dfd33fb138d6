import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { AppHeader } from '@/components/app-header';
import { TrpcReactProvider } from '@/components/trpc';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Weft', template: '%s · Weft' },
  description: 'Build, run and inspect workflows on a canvas.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <body className="flex min-h-full flex-col font-sans">
        <TrpcReactProvider>
          <AppHeader />
          <main className="flex flex-1 flex-col">{children}</main>
        </TrpcReactProvider>
      </body>
    </html>
  );
}
