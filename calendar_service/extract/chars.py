"""Character classes the extractor's patterns share.

Spelt as a range of Chinese characters (``[\\u4e00-\\u9fa5]``), a class costs the regular-expression
compiler about 1.5 ms for every use in every pattern, in every process: some fifty uses made the
command line spend ~70 ms before it read a notice (``calendar-service extract`` runs once per
file). Written through Unicode categories the same letters compile at once. They read a little
wider, any letter that is not ASCII (kana, accented Latin, the rare characters of CJK extension
A), which Chinese notices do not tell apart.
"""
HAN = r"[^\W\d_A-Za-z]"  # a Chinese character: a letter that is no ASCII letter
NAME_CHAR = r"(?:[^\W_]|·)"  # a character of a name: Chinese, ASCII letters and digits, the middle dot
NAME_START = r"[^\W\d_]"  # the first character of a name: a letter, Chinese or ASCII
