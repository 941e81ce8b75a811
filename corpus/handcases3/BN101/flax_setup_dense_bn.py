import flax.linen as nn


class Projector(nn.Module):
    hidden: int = 512

    def setup(self):
        self.dense = nn.Dense(self.hidden)  # expect: BN101
        self.bn = nn.BatchNorm()
        self.out = nn.Dense(128)

    def __call__(self, x, train: bool = True):
        x = self.bn(self.dense(x), use_running_average=not train)
        return self.out(nn.relu(x))
