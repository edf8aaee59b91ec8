//! Token kinds and the exact operator / keyword table shared by the
//! tokenizer and the parser.

/// The token types `tokenize` reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    EndMarker,
    Name,
    Number,
    String,
    Newline,
    Indent,
    Dedent,
    Op,
    Comment,
    Nl,
    ErrorToken,
    Encoding,
}

impl TokenKind {
    /// The name `tokenize` prints (`token.tok_name`).
    pub fn name(self) -> &'static str {
        match self {
            TokenKind::EndMarker => "ENDMARKER",
            TokenKind::Name => "NAME",
            TokenKind::Number => "NUMBER",
            TokenKind::String => "STRING",
            TokenKind::Newline => "NEWLINE",
            TokenKind::Indent => "INDENT",
            TokenKind::Dedent => "DEDENT",
            TokenKind::Op => "OP",
            TokenKind::Comment => "COMMENT",
            TokenKind::Nl => "NL",
            TokenKind::ErrorToken => "ERRORTOKEN",
            TokenKind::Encoding => "ENCODING",
        }
    }
}

macro_rules! exact_table {
    ($($variant:ident = $text:literal),* $(,)?) => {
        /// The exact identity of an operator or (hard) keyword token;
        /// `None` for every other token.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Exact {
            None,
            $($variant,)*
        }

        impl Exact {
            /// The source text of the operator or keyword.
            pub fn text(self) -> &'static str {
                match self {
                    Exact::None => "",
                    $(Exact::$variant => $text,)*
                }
            }
        }
    };
}

exact_table! {
    // Operators (token.EXACT_TOKEN_TYPES).
    NotEqual = "!=", Percent = "%", PercentEqual = "%=", Amper = "&", AmperEqual = "&=",
    LPar = "(", RPar = ")", Star = "*", DoubleStar = "**", DoubleStarEqual = "**=",
    StarEqual = "*=", Plus = "+", PlusEqual = "+=", Comma = ",", Minus = "-",
    MinusEqual = "-=", RArrow = "->", Dot = ".", Ellipsis = "...", Slash = "/",
    DoubleSlash = "//", DoubleSlashEqual = "//=", SlashEqual = "/=", Colon = ":",
    ColonEqual = ":=", Semi = ";", Less = "<", LeftShift = "<<", LeftShiftEqual = "<<=",
    LessEqual = "<=", Equal = "=", EqEqual = "==", Greater = ">", GreaterEqual = ">=",
    RightShift = ">>", RightShiftEqual = ">>=", At = "@", AtEqual = "@=", LSqb = "[",
    RSqb = "]", Circumflex = "^", CircumflexEqual = "^=", LBrace = "{", VBar = "|",
    VBarEqual = "|=", RBrace = "}", Tilde = "~",
    // Hard keywords (keyword.kwlist).
    False = "False", NoneKw = "None", True = "True", And = "and", As = "as",
    Assert = "assert", Async = "async", Await = "await", Break = "break", Class = "class",
    Continue = "continue", Def = "def", Del = "del", Elif = "elif", Else = "else",
    Except = "except", Finally = "finally", For = "for", From = "from", Global = "global",
    If = "if", Import = "import", In = "in", Is = "is", Lambda = "lambda",
    Nonlocal = "nonlocal", Not = "not", Or = "or", Pass = "pass", Raise = "raise",
    Return = "return", Try = "try", While = "while", With = "with", Yield = "yield",
}

/// The operator spelled by `s`, if any.
pub fn operator(s: &[u8]) -> Exact {
    use Exact::*;
    match s {
        b"!=" => NotEqual,
        b"%" => Percent,
        b"%=" => PercentEqual,
        b"&" => Amper,
        b"&=" => AmperEqual,
        b"(" => LPar,
        b")" => RPar,
        b"*" => Star,
        b"**" => DoubleStar,
        b"**=" => DoubleStarEqual,
        b"*=" => StarEqual,
        b"+" => Plus,
        b"+=" => PlusEqual,
        b"," => Comma,
        b"-" => Minus,
        b"-=" => MinusEqual,
        b"->" => RArrow,
        b"." => Dot,
        b"..." => Ellipsis,
        b"/" => Slash,
        b"//" => DoubleSlash,
        b"//=" => DoubleSlashEqual,
        b"/=" => SlashEqual,
        b":" => Colon,
        b":=" => ColonEqual,
        b";" => Semi,
        b"<" => Less,
        b"<<" => LeftShift,
        b"<<=" => LeftShiftEqual,
        b"<=" => LessEqual,
        b"=" => Equal,
        b"==" => EqEqual,
        b">" => Greater,
        b">=" => GreaterEqual,
        b">>" => RightShift,
        b">>=" => RightShiftEqual,
        b"@" => At,
        b"@=" => AtEqual,
        b"[" => LSqb,
        b"]" => RSqb,
        b"^" => Circumflex,
        b"^=" => CircumflexEqual,
        b"{" => LBrace,
        b"|" => VBar,
        b"|=" => VBarEqual,
        b"}" => RBrace,
        b"~" => Tilde,
        _ => None,
    }
}

/// The hard keyword spelled by `s`, if any.
pub fn keyword(s: &[u8]) -> Exact {
    use Exact::*;
    match s {
        b"False" => False,
        b"None" => NoneKw,
        b"True" => True,
        b"and" => And,
        b"as" => As,
        b"assert" => Assert,
        b"async" => Async,
        b"await" => Await,
        b"break" => Break,
        b"class" => Class,
        b"continue" => Continue,
        b"def" => Def,
        b"del" => Del,
        b"elif" => Elif,
        b"else" => Else,
        b"except" => Except,
        b"finally" => Finally,
        b"for" => For,
        b"from" => From,
        b"global" => Global,
        b"if" => If,
        b"import" => Import,
        b"in" => In,
        b"is" => Is,
        b"lambda" => Lambda,
        b"nonlocal" => Nonlocal,
        b"not" => Not,
        b"or" => Or,
        b"pass" => Pass,
        b"raise" => Raise,
        b"return" => Return,
        b"try" => Try,
        b"while" => While,
        b"with" => With,
        b"yield" => Yield,
        _ => None,
    }
}

/// One token. Positions are 1-based lines and 0-based byte columns; `start`
/// and `end` are byte offsets of its text in the tokenized source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub exact: Exact,
    pub start: u32,
    pub end: u32,
    pub lineno: u32,
    pub col: u32,
    pub end_lineno: u32,
    pub end_col: u32,
}
