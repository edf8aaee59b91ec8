x = -"text"
