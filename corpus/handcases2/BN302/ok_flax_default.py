import flax.linen as nn


class Head(nn.Module):
    @nn.compact
    def __call__(self, x, train: bool):
        x = nn.Dense(128, use_bias=False)(x)
        x = nn.BatchNorm(use_running_average=not train, momentum=0.9, epsilon=1e-5)(x)
        return nn.Dense(10)(nn.relu(x))
