import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getCurrentUser, getUnreadMessageCount } from "@/lib/auth/current-user";
import { navigationFor } from "@/lib/auth/navigation";
import { SiteFooter } from "@/components/SiteFooter";
import { SiteHeader } from "@/components/SiteHeader";
import { SkipLink } from "@/components/SkipLink";
import { ibmPlexSans } from "./fonts";
import "./globals.css";

export const metadata: Metadata = {
  title: {
    default: "Statens Indkøbsprogram",
    template: "%s – Statens Indkøbsprogram",
  },
  description: "Portal for Statens Indkøbsprogram: aftaler, indkøbskaskade, indkøbsdata og compliance.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  const navigation = navigationFor(user);
  const unreadMessages = await getUnreadMessageCount();
  return (
    <html lang="da" className={ibmPlexSans.variable}>
      <body className="flex min-h-dvh flex-col">
        <SkipLink />
        <SiteHeader user={user} navigation={navigation} unreadMessages={unreadMessages} />
        <main id="main-content" tabIndex={-1} className="page-container flex-1 pt-6 md:pt-10">
          {children}
        </main>
        <SiteFooter />
      </body>
    </html>
  );
}
