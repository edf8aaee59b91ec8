print(f"{42:.2d}")
