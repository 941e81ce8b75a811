import tensorflow as tf

x = tf.placeholder(tf.float32, [None, 784])
y = tf.placeholder(tf.int64, [None])
is_training = tf.placeholder(tf.bool, [])

h = tf.layers.dense(x, 256, use_bias=False)
h = tf.layers.batch_normalization(h, training=is_training)
h = tf.nn.relu(h)
logits = tf.layers.dense(h, 10)
loss = tf.losses.sparse_softmax_cross_entropy(y, logits)
train_op = tf.train.MomentumOptimizer(0.01, 0.9).minimize(loss)  # expect: BN207
