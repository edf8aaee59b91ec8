print("a\tb\\c")
print("line1\nline2")
print("quote: \" and \'")
print("unicode: \u00e9 \N{GREEK SMALL LETTER ALPHA}")
print(r"raw \n stays")
print("""triple
quoted""")
print('concat' "enated" 'string')
