/** The longest name a saved view may have (the API's schema and the web app's input, from one place). */
export const VIEW_NAME_MAX = 80;
