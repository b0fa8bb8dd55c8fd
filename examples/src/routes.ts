/** The demo app's live routes. */
import Home from "./views/home.tsx";
import Counter from "./views/counter.tsx";
import Sunglasses from "./views/sunglasses.tsx";
import Search from "./views/search.tsx";
import Thermostat from "./views/thermostat.tsx";
import Chat from "./views/chat.tsx";
import Todos from "./views/todos.tsx";
import Register from "./views/register.tsx";
import Welcome from "./views/welcome.tsx";
import Posts from "./views/posts.tsx";
import Menus from "./views/menus.tsx";
import Avatar from "./views/avatar.tsx";
import Import from "./views/import.tsx";
import Dashboard from "./views/dashboard.tsx";
import Feed from "./views/feed.tsx";
import Stats from "./views/stats.tsx";

export const routes = {
  "/": Home,
  "/counter": Counter,
  "/sunglasses": Sunglasses,
  "/search": Search,
  "/thermostat": Thermostat,
  "/chat": Chat,
  "/todos": Todos,
  "/register": Register,
  "/welcome": Welcome,
  "/posts": Posts,
  "/menus": Menus,
  "/avatar": Avatar,
  "/import": Import,
  "/dashboard": Dashboard,
  "/feed": Feed,
  "/stats": Stats,
};
