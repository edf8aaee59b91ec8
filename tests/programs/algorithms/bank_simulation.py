import random
random.seed(2024)
class Account:
    _next = 1000
    def __init__(self, owner, balance=0):
        self.id = Account._next; Account._next += 1
        self.owner, self.balance, self.history = owner, balance, []
    def deposit(self, amt):
        if amt <= 0:
            raise ValueError("deposit must be positive")
        self.balance += amt; self.history.append(("dep", amt))
    def withdraw(self, amt):
        if amt > self.balance:
            raise ValueError(f"insufficient funds in {self.id}")
        self.balance -= amt; self.history.append(("wd", amt))
class Bank:
    def __init__(self):
        self.accounts = {}
        self.failures = 0
    def open(self, owner, initial):
        a = Account(owner, initial); self.accounts[a.id] = a
        return a
    def transfer(self, src, dst, amt):
        try:
            self.accounts[src].withdraw(amt)
        except (KeyError, ValueError):
            self.failures += 1
            return False
        self.accounts[dst].deposit(amt)
        return True
bank = Bank()
ids = [bank.open(name, random.randint(50, 500)).id for name in ["ann", "bob", "cy", "di", "ed"]]
total_before = sum(a.balance for a in bank.accounts.values())
ok = sum(bank.transfer(random.choice(ids), random.choice(ids), random.randint(1, 200)) for _ in range(500))
total_after = sum(a.balance for a in bank.accounts.values())
print(ok, bank.failures, total_before == total_after, total_after)
print(sorted(((a.owner, a.balance, len(a.history)) for a in bank.accounts.values()), key=lambda t: -t[1]))
print(bank.transfer(9999, ids[0], 1), bank.failures)
