import jax
import jax.numpy as jnp
import flax.linen as nn
import optax


class CNN(nn.Module):
    @nn.compact
    def __call__(self, x, train=True):
        x = nn.Conv(16, (3, 3), use_bias=False)(x)
        x = nn.BatchNorm(use_running_average=not train)(x)
        return nn.Dense(10)(nn.relu(x).mean((1, 2)))


model = CNN()
variables = model.init(jax.random.PRNGKey(0), jnp.ones((1, 28, 28, 1)))
tx = optax.sgd(0.01)


def loss_fn(params, batch_stats, x, y):
    logits, updates = model.apply({"params": params, "batch_stats": batch_stats}, x[None], mutable=["batch_stats"])  # expect: BN403
    return optax.softmax_cross_entropy_with_integer_labels(logits, y[None]).mean(), updates
