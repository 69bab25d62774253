// The navigation's icons, by the name an item gives (nav-items.ts stays plain data: the server
// filters it by role and hands it to the client sidebar, which looks the icon up here).
export {
  CalendarClock,
  Coins,
  KeyRound,
  LayoutDashboard,
  Link,
  Radio,
  Scale,
  ScrollText,
  Search,
  Target,
  TicketPercent,
  Trophy,
  UserCog,
  Users,
  Webhook,
} from "lucide-react";
